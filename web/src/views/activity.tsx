export function ActivityView({ userId }: { userId: string; focusId?: string }) {
  return (
    <section class="view" data-user={userId}>
      <h1>Activity</h1>
    </section>
  );
}

// Placeholder until this view is built: it says so plainly.
export function TwinView({ userId }: { userId: string }) {
  return (
    <section class="view" data-user={userId}>
      <h1>Twin</h1>
      <p class="state empty">This view is not built yet.</p>
    </section>
  );
}

export function ApprovalsView({ userId }: { userId: string; focusId?: string }) {
  return (
    <section class="view" data-user={userId}>
      <h1>Approvals</h1>
    </section>
  );
}

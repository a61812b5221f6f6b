// Placeholder until this view is built: it says so plainly.
export function UsersView({ userId }: { userId: string }) {
  return (
    <section class="view" data-user={userId}>
      <h1>Users</h1>
      <p class="state empty">This view is not built yet.</p>
    </section>
  );
}

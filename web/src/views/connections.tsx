// Placeholder until this view is built: it says so plainly.
export function ConnectionsView({ userId }: { userId: string }) {
  return (
    <section class="view" data-user={userId}>
      <h1>Connections</h1>
      <p class="state empty">This view is not built yet.</p>
    </section>
  );
}

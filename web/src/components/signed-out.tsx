export function SignedOut({ ended }: { ended: boolean }) {
  return (
    <main id="main" class="signed-out">
      <h1>{ended ? 'You signed out' : 'You are signed out'}</h1>
      <p role="alert">{ended ? 'Your session has ended.' : 'There is no session in this browser, or it expired.'}</p>
      <p>
        To sign in, run <code>npx skytwin dashboard</code> in the SkyTwin folder and open the link it prints. <code>npm start</code> prints
        one too when it starts.
      </p>
    </main>
  );
}

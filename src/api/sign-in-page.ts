import { SIGN_IN_CODE_TTL_MS } from '../services/index.js';

const HOURS = Math.round(SIGN_IN_CODE_TTL_MS / 3_600_000);

const WHY: Record<'unknown' | 'used' | 'expired', string> = {
  used: 'This sign-in link was already used. Each link signs in one browser, once.',
  expired: `This sign-in link has expired. A link works for ${HOURS} hours after it is made.`,
  unknown: 'This sign-in link is not one SkyTwin made, or it was copied incompletely.',
};

/** The page a stale or wrong sign-in link shows: plain HTML, no script, no inline style (the page's CSP forbids both). */
export function signInProblemPage(reason: 'unknown' | 'used' | 'expired'): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in to SkyTwin</title></head>
<body>
<main>
<h1>Sign in to SkyTwin</h1>
<p role="alert">${WHY[reason]}</p>
<p>To get a new link, run this in the SkyTwin folder on the machine where SkyTwin runs:</p>
<pre><code>npx skytwin dashboard</code></pre>
<p>It prints a fresh sign-in link; open it in this browser. (<code>npm start</code> also prints one each time it starts.)</p>
</main>
</body>
</html>
`;
}

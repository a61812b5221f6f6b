const $ = (id) => document.getElementById(id);
// Opening /#token=… stores the token once and drops it from the address bar.
const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromHash) { localStorage.setItem('skytwin-token', fromHash); history.replaceState(null, '', '/'); }
const token = () => localStorage.getItem('skytwin-token') || '';
async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { authorization: 'Bearer ' + token(), 'content-type': 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}
function text(value) { const span = document.createElement('span'); span.textContent = value; return span.innerHTML; }
async function load() {
  const health = await fetch('/api/health/ready').then((r) => r.json()).catch(() => ({}));
  $('mode').textContent = health.demoMode ? 'demo mode' : '';
  if (!token()) return;
  const { users } = await api('/api/users');
  const select = $('user');
  const chosen = select.value;
  select.innerHTML = users.map((u) => '<option value="' + u.id + '">' + text(u.email) + '</option>').join('');
  if (chosen) select.value = chosen;
  const userId = select.value;
  if (!userId) return;
  const { approvals } = await api('/api/users/' + userId + '/approvals?status=pending');
  $('approvals').innerHTML = approvals.length === 0 ? 'Nothing waiting.' : approvals.map((a) =>
    '<div class="item"><span class="tag">' + text(a.urgency) + '</span> ' + text(a.summary || '') +
    '<div><button data-approve="' + a.id + '">Approve</button><button data-reject="' + a.id + '">Reject</button>' +
    '<span class="muted">expires ' + text(new Date(a.expiresAt).toLocaleString()) + '</span></div></div>').join('');
  const { decisions } = await api('/api/users/' + userId + '/decisions?limit=30');
  $('decisions').innerHTML = decisions.length === 0 ? 'No decisions yet.' : decisions.map((d) =>
    '<div class="item"><span class="tag">' + text(d.outcome) + '</span> ' + text(d.summary) +
    ' <span class="muted">' + text(new Date(d.createdAt).toLocaleString()) + '</span>' +
    (d.outcome === 'auto_execute' ? ' <button data-undo="' + d.id + '">Undo</button>' : '') + '</div>').join('');
}
document.addEventListener('click', async (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  try {
    if (target.id === 'save') localStorage.setItem('skytwin-token', $('token').value.trim());
    else if (target.dataset.approve) await api('/api/approvals/' + target.dataset.approve + '/approve', { method: 'POST', body: '{}' });
    else if (target.dataset.reject) await api('/api/approvals/' + target.dataset.reject + '/reject', { method: 'POST', body: '{}' });
    else if (target.dataset.undo) await api('/api/decisions/' + target.dataset.undo + '/undo', { method: 'POST', body: '{}' });
    else return;
    await load();
  } catch (error) { alert(error.message); }
});
$('user').addEventListener('change', () => load().catch((e) => alert(e.message)));
load().catch((e) => console.error(e));
setInterval(() => load().catch(() => undefined), 10000);

// The landing page's one action: open the Orleans dashboard with an admin key. A page a browser opens cannot send a
// bearer token, so the key goes (once, checked by the server) into a cookie sent only to the dashboard's paths.
const form = document.getElementById('orleans');
const input = document.getElementById('orleans-key');
const message = document.getElementById('orleans-message');
input.value = sessionStorage.getItem('profiles.apiKey') ?? '';

form.addEventListener('submit', async event => {
  event.preventDefault();
  message.textContent = '';
  const key = input.value.trim();
  if (!key) { message.textContent = 'Enter an admin API key.'; return; }
  let response;
  try {
    response = await fetch('/api/session/orleans', { method: 'POST', headers: { Authorization: `Bearer ${key}` } });
  } catch {
    message.textContent = 'The service cannot be reached. Try again in a moment.';
    return;
  }
  if (response.status === 204) { location.href = '/orleans/'; return; }
  message.textContent = response.status === 401 ? 'That API key is not known (401).'
    : response.status === 403 ? 'The Orleans dashboard needs an API key with the admin role (403).'
    : response.status === 404 ? 'The Orleans dashboard is turned off (Profiles:Operations:Dashboard).'
    : `The service answered ${response.status}.`;
});
// Until here a click would submit the bare form: tests (and people on slow links) can tell the page is ready.
form.dataset.ready = 'true';

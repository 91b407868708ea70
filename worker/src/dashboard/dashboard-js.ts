/**
 * The dashboard's one script, served as `/dashboard.js`: progressive enhancement only. Every page works
 * without it (forms post, filters are a GET form); it adds the Copy button's clipboard write and applies a
 * filter as soon as a select changes.
 */
export const DASHBOARD_JS = `
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
    button.textContent = 'Copied';
  } catch {
    document.execCommand('copy');
    button.textContent = 'Copied';
  }
});
document.addEventListener('change', (event) => {
  const select = event.target.closest('form[data-autosubmit] select');
  if (select) select.form.requestSubmit();
});
`;

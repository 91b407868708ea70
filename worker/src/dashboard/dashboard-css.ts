/**
 * The dashboard's one stylesheet, served as `/dashboard.css` (no build step). Sizes are in `rem` and the
 * layout wraps, so pages reflow at 200% zoom; focus is always visible.
 */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad;
  --bg: #ffffff; --soft: #f6f8fa; --bad: #a40e26; --warn: #7d4e00; --ok: #116329; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 0.5rem; background: var(--bg); padding: 0.25rem 0.5rem; z-index: 1; }
.top { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; padding: 0.75rem 1.25rem;
  border-bottom: 1px solid var(--line); background: var(--soft); }
.brand { font-weight: 700; text-decoration: none; color: var(--fg); }
.top ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
.top a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.sign-out { margin-left: auto; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.who { color: var(--muted); overflow-wrap: anywhere; }
main { padding: 1rem 1.25rem 3rem; max-width: 80rem; }
main:focus { outline: none; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
form.stack { display: grid; gap: 0.75rem; max-width: 36rem; margin-bottom: 1rem; }
form.inline { display: inline-flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0; }
fieldset { border: 1px solid var(--line); padding: 0.5rem 0.75rem; }
label { font-weight: 600; }
fieldset label { font-weight: 400; margin-right: 1rem; }
input[type="text"], input[type="email"], input[type="url"], input[type="password"], select, textarea {
  font: inherit; padding: 0.35rem 0.5rem; border: 1px solid var(--muted); border-radius: 4px; max-width: 100%; }
textarea { width: 100%; min-height: 16rem; font-family: ui-monospace, monospace; }
button { font: inherit; padding: 0.35rem 0.9rem; border: 1px solid var(--accent); border-radius: 4px;
  background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: var(--bg); color: var(--accent); }
button.danger { background: var(--bad); border-color: var(--bad); }
.notice { border-left: 4px solid var(--accent); background: var(--soft); padding: 0.5rem 0.75rem; margin: 1rem 0; }
.error { border-left: 4px solid var(--bad); background: #fff0f0; padding: 0.5rem 0.75rem; margin: 1rem 0; }
.warning { border-left: 4px solid var(--warn); background: #fff8e5; padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
.new-key { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.new-key input { flex: 1 1 20rem; font-family: ui-monospace, monospace; }
.cards { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.9rem; min-width: 7rem; }
.cards strong { display: block; font-size: 1.3rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin: 0 0 1rem; }
.filters div { display: grid; }
.item { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.9rem; margin: 0.5rem 0; }
.item h4 { margin: 0 0 0.25rem; font-size: 1rem; overflow-wrap: anywhere; }
.item.accepted { border-style: dashed; background: var(--soft); }
.badge { font-size: 0.8rem; font-weight: 600; border: 1px solid var(--ok); color: var(--ok); border-radius: 999px;
  padding: 0 0.5rem; margin-left: 0.25rem; }
.history { color: var(--muted); margin: 0 0 0.25rem; overflow-wrap: anywhere; }
.sev-critical, .sev-high { color: var(--bad); font-weight: 700; }
.sev-medium { color: var(--warn); font-weight: 700; }
.sev-low { color: var(--muted); }
.pager { display: flex; gap: 1rem; margin: 1rem 0; }
`;

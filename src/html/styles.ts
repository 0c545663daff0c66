/**
 * The one stylesheet of every page, served at `/assets/site.css` (the Content-Security-Policy
 * allows no inline styles). A Devanagari-first font stack, a line height that leaves room for
 * matras, a readable measure on phones, and a dark scheme that follows the system.
 */
export const SITE_CSS = `:root {
  color-scheme: light dark;
  --text: #1d1d1f; --muted: #5f6368; --bg: #fdfcf9; --accent: #b3261e; --rule: #e3e0d8; --code: #f1eee6;
}
@media (prefers-color-scheme: dark) {
  :root { --text: #ece9e2; --muted: #a9a59c; --bg: #161514; --accent: #ff8a80; --rule: #34312d; --code: #24221f; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; padding: 1rem 1.1rem 3rem; max-width: 42rem;
  font-family: "Noto Sans Devanagari", "Noto Sans", "Mukta", "Hind", "Kohinoor Devanagari", "Nirmala UI",
    "Mangal", system-ui, sans-serif;
  font-size: 1.125rem; line-height: 1.75; color: var(--text); background: var(--bg);
  overflow-wrap: break-word;
}
a { color: var(--accent); }
header.site { border-bottom: 1px solid var(--rule); margin-bottom: 1.5rem; }
header.site a { color: inherit; text-decoration: none; font-weight: 700; font-size: 1.3rem; }
h1 { font-size: 1.7rem; line-height: 1.45; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; line-height: 1.5; margin: 1.75rem 0 0.25rem; }
h3 { font-size: 1.15rem; line-height: 1.5; margin: 0 0 0.25rem; }
.meta, .en { color: var(--muted); font-size: 0.95rem; }
.en { font-style: italic; }
ul.items { list-style: none; padding: 0; }
ul.items > li { border-bottom: 1px solid var(--rule); padding: 0.75rem 0; display: flow-root; }
img { max-width: 100%; height: auto; }
img.thumb { float: right; width: 7.5rem; margin: 0.3rem 0 0.5rem 0.9rem; border-radius: 0.25rem; background: var(--code); }
figure.lead { margin: 1rem 0 1.5rem; }
header.author { margin-bottom: 1rem; }
header.author .avatar { float: right; width: 6rem; height: 6rem; object-fit: cover; border-radius: 50%; margin: 0 0 0.5rem 1rem; }
.authors { color: var(--muted); font-size: 0.95rem; margin-top: 0; }
figure.lead img { display: block; border-radius: 0.25rem; background: var(--code); }
figcaption { color: var(--muted); font-size: 0.9rem; line-height: 1.6; margin-top: 0.4rem; }
figcaption .credit { font-size: 0.85rem; opacity: 0.85; }
.corrections { border-left: 4px solid var(--accent); background: var(--code); border-radius: 0.25rem;
  padding: 0.5rem 1rem; margin: 1rem 0; }
.corrections h2 { font-size: 1.05rem; margin: 0; }
.corrections p { margin: 0.25rem 0; }
ul.tags { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem; }
ul.tags li a { display: inline-block; padding: 0.1rem 0.6rem; border: 1px solid var(--rule); border-radius: 1rem;
  text-decoration: none; font-size: 0.95rem; }
nav.sections ul { list-style: none; padding: 0; margin: 0.75rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.1rem; }
nav.sections a { font-weight: 700; text-decoration: none; }
.subscribe { background: var(--code); border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 1rem 0; }
.subscribe input { width: 100%; font: inherit; font-size: 0.9rem; padding: 0.4rem; border: 1px solid var(--rule);
  background: var(--bg); color: var(--text); }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; }
`;

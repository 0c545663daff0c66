// What the partners that take our feeds ask of a lead image's width, in px: the least they take
// and what they recommend. Documented in docs/editors.md ("Adding an image").
const PARTNERS = [
  {
    name: "Google News",
    minimum: 800,
    wants: 1200,
    guidance: "Google News recommends 1,200 px (800 in older guidance)",
  },
  { name: "MSN", minimum: 720, wants: 1200, guidance: "MSN takes 720 px and promotes 1,200×624" },
  { name: "Flipboard", minimum: 400, wants: 500, guidance: "Flipboard takes 400 px and shows 500 px large" },
] as const;

/** The warning for a lead image `width` px wide, naming the partners that want more; `undefined` when none does. */
export function narrowImageWarning(width: number): string | undefined {
  const wanting = PARTNERS.filter((p) => width < p.wants);
  if (wanting.length === 0) return undefined;
  const below = PARTNERS.filter((p) => width < p.minimum).map((p) => `${p.name}'s ${p.minimum} px`);
  const minimum = below.length > 0 ? `; it is under ${below.join(" and ")}` : "";
  return `is ${width} px wide, narrower than partners want: ${wanting.map((p) => p.guidance).join("; ")}${minimum}`;
}

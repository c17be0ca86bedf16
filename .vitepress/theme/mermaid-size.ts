/**
 * How narrow a Mermaid diagram may get. Mermaid sizes its SVG to the container (width 100%)
 * with its natural width as max-width; on a phone a wide flowchart would shrink until its text
 * is unreadable. Below 60% of its natural width, it scrolls sideways instead.
 */
export function readableMinWidth(naturalMaxWidth: string, scale = 0.6): string {
  const natural = Number.parseFloat(naturalMaxWidth);
  if (!Number.isFinite(natural) || natural <= 0) return '';
  return `${Math.round(natural * scale)}px`;
}

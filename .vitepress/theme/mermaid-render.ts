/**
 * Renders one Mermaid diagram to SVG. Imported dynamically by the Mermaid component, so the
 * Mermaid library (large) is only downloaded by pages that have a diagram.
 */
import mermaid from 'mermaid';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Mermaid keeps global state while rendering: render one diagram at a time. `width` is the
 * space the diagram gets; Gantt charts are drawn to it (Mermaid would use the window's).
 */
export function renderMermaid(
  id: string,
  source: string,
  dark: boolean,
  width?: number,
): Promise<string> {
  const job = queue.then(async () => {
    // Labels are measured when rendered: wait for the page's fonts so they are not cut off.
    await document.fonts?.ready;
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: dark ? 'dark' : 'default',
      gantt: width ? { useWidth: width, fontSize: 13, sectionFontSize: 13, barHeight: 24 } : {},
    });
    try {
      const { svg } = await mermaid.render(id, source);
      return svg;
    } finally {
      // On a syntax error Mermaid leaves its scratch element in the page.
      document.getElementById(`d${id}`)?.remove();
    }
  });
  queue = job.catch(() => undefined);
  return job;
}

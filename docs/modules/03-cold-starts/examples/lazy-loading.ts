/**
 * Module 3 example: keep INIT small by loading what only some requests need on first use.
 * Shown on the module page through its #region blocks.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** The slice of a (hypothetical) heavy PDF library this example needs. */
export interface PdfRenderer {
  render(html: string): Promise<Uint8Array>;
}

// #region lazy
export const loaders = {
  // In a real function: pdf: () => import('some-pdf-library').then((m) => m.createRenderer()).
  // A dynamic import() runs when it is called, not during INIT.
  pdf: async (): Promise<PdfRenderer> => ({
    render: async (html) => new TextEncoder().encode(html),
  }),
};

// Created on first use, then reused by later invocations in the same environment.
let pdfRenderer: Promise<PdfRenderer> | undefined;

function renderer(): Promise<PdfRenderer> {
  // Cache the promise, so concurrent awaits share one load; forget it if loading failed.
  pdfRenderer ??= loaders.pdf().catch((error: unknown) => {
    pdfRenderer = undefined;
    throw error;
  });
  return pdfRenderer;
}

export const handler = async (
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> => {
  if (event.rawPath === '/invoice.pdf') {
    const pdf = await (await renderer()).render('<h1>Invoice</h1>');
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.from(pdf).toString('base64'),
      isBase64Encoded: true,
    };
  }
  // The common, cheap path never pays for the PDF library.
  return { statusCode: 200, body: JSON.stringify({ ok: true }) };
};
// #endregion lazy

/** For tests: forget the cached renderer, as a new execution environment would. */
export function resetForTests(): void {
  pdfRenderer = undefined;
}

import katex from "katex";

/** LaTeX rendered by the bundled KaTeX; the source stays available as the title. */
export function Latex({ tex }: { tex: string }) {
  const html = katex.renderToString(tex, { throwOnError: false, displayMode: false });
  return <span className="latex" title={tex} dangerouslySetInnerHTML={{ __html: html }} />;
}

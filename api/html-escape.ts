/** Escapes text for an HTML page (`&`, `<`, `>`, quotes) so that nobody's input can add markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The href of the first link with `className` in a page, entities decoded; throws when the page has none. */
export function linkOf(html: string, className: string): string {
  const match = new RegExp(`<a href="([^"]*)" class="[^"]*\\b${className}\\b`).exec(html);
  if (!match?.[1]) throw new Error(`no ${className} link`);
  return match[1].replace(/&amp;/g, '&');
}

import type { Page } from 'playwright-core'

/**
 * The first absolute URL on the page's main content whose path starts with `pathPrefix` (e.g.
 * '/p/'), shown as text or as the value of a read-only field: how a person copies a link they are
 * given, whichever way the page displays it.
 * @throws Error when there is none.
 */
export async function findLinkOnPage(page: Page, pathPrefix: string): Promise<string> {
  const found = await page.getByRole('main').evaluate((main, prefix) => {
    const pattern = new RegExp(`https?://[^\\s"'<>]+${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[A-Za-z0-9_~.%-]+`)
    for (const input of Array.from(main.querySelectorAll('input, textarea')) as HTMLInputElement[]) {
      const m = pattern.exec(input.value)
      if (m) return m[0]
    }
    // innerText, not textContent: it keeps the line breaks between paragraphs.
    return pattern.exec((main as HTMLElement).innerText)?.[0]
  }, pathPrefix)
  if (!found) throw new Error(`no link to ${pathPrefix}… on ${page.url()}`)
  return found
}

import { isTemplateId, SCHEMAS } from '@/lib/credentials/schemas'

/** The JSON Schemas named by our credentials' `credentialSchema`, at the URL they name. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params
  const id = file.replace(/\.json$/, '')
  if (!file.endsWith('.json') || !isTemplateId(id)) {
    return Response.json({ error: { code: 'NOT_FOUND', message: 'No such schema' } }, { status: 404 })
  }
  // The schemas keep their `urn:tremplin:schema:…` $id: work-experience refers to skill-badge by it.
  return new Response(JSON.stringify(SCHEMAS[id], null, 2), {
    headers: { 'content-type': 'application/schema+json; charset=utf-8', 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' },
  })
}

import { schemaDocument, schemaRefOfFile } from '@/lib/credentials/schemas'

/**
 * The JSON Schemas named by our credentials' `credentialSchema`, at the URL they name: every
 * version stays published (`skill-badge.json` is v1, `skill-badge.v2.json` v2…), since credentials
 * signed under an older version still name it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params
  const ref = schemaRefOfFile(file)
  if (!ref) {
    return Response.json({ error: { code: 'NOT_FOUND', message: 'No such schema' } }, { status: 404 })
  }
  // The schemas keep their `urn:tremplin:schema:…` $id: work-experience refers to skill-badge by it.
  return new Response(JSON.stringify(schemaDocument(ref), null, 2), {
    headers: { 'content-type': 'application/schema+json; charset=utf-8', 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' },
  })
}

/**
 * A hostile credential for the stalling benchmark and tests: ~0.5 MB of JSON-LD under the bundled
 * VCDM 2.0 context (its @vocab takes any term), whose thousands of nested, look-alike blank nodes
 * make RDF canonicalisation expensive, with a Data Integrity proof (eddsa-rdfc-2022, a did:key
 * method, a made-up signature) so the verifier canonicalises it before the signature fails.
 * Within the input limits (1 MB, depth 64, 50,000 values): the limits do not stop it.
 */
export function hostileCredential({ groups = 4000 }: { groups?: number } = {}): string {
  const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
  // Look-alike results: blank nodes that differ only by what they point to, the costly case of
  // RDF Dataset Canonicalization's hashing of related blank nodes.
  const result = Array.from({ length: groups }, (_, i) => ({
    type: ['Result'],
    value: 'same',
    status: 'Completed',
    resultDescription: `urn:uuid:00000000-0000-4000-8000-${String(i % 4).padStart(12, '0')}`,
  }))
  return JSON.stringify({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: did, type: ['Profile'], name: 'x' },
    validFrom: '2020-01-01T00:00:00Z',
    name: 'x',
    credentialSubject: {
      id: 'did:example:someone',
      type: ['AchievementSubject'],
      achievement: { id: 'urn:uuid:11111111-1111-4111-8111-111111111111', type: ['Achievement'], name: 'x', description: 'x', criteria: { narrative: 'x' } },
      result,
    },
    proof: {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2020-01-01T00:00:00Z',
      verificationMethod: `${did}#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK`,
      proofPurpose: 'assertionMethod',
      proofValue: 'z' + '1'.repeat(86),
    },
  })
}

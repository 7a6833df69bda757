import { createUser } from '@/lib/auth/service'
import { createPilot } from '@/lib/pilots/service'
import type { Runtime } from '@/lib/runtime'
import { createTwoOrganisations, sessionUser } from '../issuer/_world'

// Two organisations (../issuer/_world) plus `n` more young people in organisation A, and a pilot
// action of A created by its counsellor.

export async function createBulkWorld(rt: Runtime, n: number) {
  const w = await createTwoOrganisations(rt)
  const youth = []
  for (let i = 1; i <= n; i++) {
    const username = `jeune${String(i).padStart(3, '0')}`
    youth.push(await createUser(rt, { role: 'youth', username, displayName: `Jeune ${i}`, email: `${username}@example.org`, organisationId: w.a.id }))
  }
  const counsellor = await sessionUser(rt, w.counsellorA.id)
  const pilot = await createPilot(rt, counsellor, { name: 'Objectif emploi 2027', description: '', region: 'Hauts-de-France', startsOn: '2027-01-01', endsOn: '2027-06-30' })
  return { ...w, youth, counsellor, pilot }
}

export const HEADER = 'person,skill,level,observation,evidence_url,valid_until,language'
export const goodRow = (person: string, skill = 'Travail en équipe') =>
  `${person},${skill},practising,"A tenu l'accueil du magasin deux semaines, avec calme.",,,fr`

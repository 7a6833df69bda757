import { headers } from 'next/headers'
import type { Runtime } from '@/lib/runtime'
import { clientAddress } from './client-address'

/** The key of the client behind the current page or server action (lib/security/client-address.ts). */
export async function requestAddressKey(rt: Pick<Runtime, 'env'>): Promise<string> {
  return clientAddress(await headers(), rt.env.trustProxy).key
}

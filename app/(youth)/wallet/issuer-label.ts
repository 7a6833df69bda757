import type { Translate } from '@/app/_components/credential-card'
import type { CredentialCardDto } from '@/lib/wallet/cards'

/**
 * The issuer line of an imported credential whose issuer this instance does not know: the name the
 * credential gives itself is not vouched for by anyone here, so the card says so. Issued
 * credentials and known issuers keep the card's own line (undefined).
 */
export function importedIssuerLabel(card: CredentialCardDto, t: Translate, issuerKnown = card.imported?.issuerKnown): string | undefined {
  if (!card.imported || issuerKnown) return undefined
  return t('card.issuerNotKnown', { name: card.issuer.name ?? t('card.issuerNoName') })
}

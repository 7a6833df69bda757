// Onboarding: young people's wallets created by their counsellor with a one-time activation link,
// and invitations for tutors and recruiters. Every function taking a SessionUser checks its role
// and organisation itself.
export { activateAccount, viewActivation, type ActivationView } from './activation'
export { listOrganisationsOverview, type OrganisationOverviewDto } from './admin'
export { acceptInvitation, createInvitation, listInvitations, revokeInvitation, viewInvitation, type InvitationDto, type InvitationView } from './invitations'
export { LINK_TTL_MS, qrCodeSvg, type IssuedLink } from './links'
export { listTeamMembers, type TeamMemberDto } from './team'
export { createYoungPerson, getYoungPersonOrThrow, listYoungPeople, regenerateActivationLink, type CreatedYoungPerson, type YoungPersonDto } from './young-people'

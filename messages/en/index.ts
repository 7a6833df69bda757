// One JSON file per namespace, so that each feature owns its words; merged here.
import common from './common.json'
import shell from './shell.json'
import auth from './auth.json'
import onboarding from './onboarding.json'
import landing from './landing.json'
import developers from './developers.json'
import issuer from './issuer.json'
import wallet from './wallet.json'
import shares from './shares.json'
import portfolio from './portfolio.json'
import verify from './verify.json'
import taxonomy from './taxonomy.json'
import admin from './admin.json'
import profile from './profile.json'
import pilots from './pilots.json'
import privacy from './privacy.json'
import stories from './stories.json'
import directory from './directory.json'
import contacts from './contacts.json'
import notifications from './notifications.json'

const messages = { common, shell, auth, onboarding, landing, developers, issuer, wallet, shares, portfolio, verify, taxonomy, admin, profile, pilots, privacy, stories, directory, contacts, notifications }
export default messages

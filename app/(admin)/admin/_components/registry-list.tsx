import { getFormatter, getTranslations } from 'next-intl/server'
import type { RegistryDto } from '@/lib/registry/service'
import styles from '../admin.module.css'
import { RemoveRegistry } from './remove-registry'

/** The external registries loaded, with their counts and who loaded them when. */
export async function RegistryList({ registries }: { registries: RegistryDto[] }) {
  const [t, format] = await Promise.all([getTranslations('admin'), getFormatter()])
  if (registries.length === 0) return <p className="iss-empty">{t('registries.empty')}</p>
  return (
    <ul className={styles.registries}>
      {registries.map((r) => (
        <li key={r.name} className={styles.registry}>
          <div>
            <h3 className={styles.registryName}>{r.name}</h3>
            <p>{t('registries.count', { count: r.entries })}</p>
            <p className={styles.muted}>
              {t('registries.loadedBy', {
                date: format.dateTime(new Date(r.loadedAt), { dateStyle: 'long', timeStyle: 'short' }),
                who: r.loadedByName ?? (r.loadedBy === 'cli' ? t('registry.actor.cli') : t('registry.actor.unknown')),
              })}
            </p>
          </div>
          <RemoveRegistry name={r.name} entries={r.entries} />
        </li>
      ))}
    </ul>
  )
}

import { PageLoading } from '@/app/_components/page-loading'

export default PageLoading

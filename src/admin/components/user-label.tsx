import { useUserLabel } from "../lib/hooks"

/** Who started a sync: "System" for automatic and scheduled ones, otherwise the admin's name. */
export const UserLabel = ({ id }: { id: string | null | undefined }) => (
  <>{useUserLabel(id)}</>
)

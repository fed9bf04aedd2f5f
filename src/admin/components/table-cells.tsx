import { EllipsisHorizontal } from "@medusajs/icons"
import { Checkbox, DropdownMenu, IconButton } from "@medusajs/ui"
import type { ReactNode } from "react"

/*
 * @medusajs/ui's DataTable draws its select checkboxes and its row menu button without an accessible name, which a
 * screen reader announces as "checkbox" and "button" on every row (axe-core: aria-toggle-field-name, button-name).
 * These are the same controls with a name; the DataTable's selection state and layout stay its own.
 */

type SelectableRow = {
  getIsSelected: () => boolean
  getCanSelect: () => boolean
  toggleSelected: (value?: boolean) => void
}

type SelectableTable = {
  getIsSomePageRowsSelected: () => boolean
  getIsAllPageRowsSelected: () => boolean
  toggleAllPageRowsSelected: (value: boolean) => void
}

export const SelectAllCheckbox = ({
  table,
  label,
}: {
  table: SelectableTable
  label: string
}) => (
  <Checkbox
    aria-label={label}
    onClick={(e) => e.stopPropagation()}
    checked={
      table.getIsSomePageRowsSelected()
        ? "indeterminate"
        : table.getIsAllPageRowsSelected()
    }
    onCheckedChange={(checked) => table.toggleAllPageRowsSelected(!!checked)}
  />
)

export const SelectRowCheckbox = ({
  row,
  label,
}: {
  row: SelectableRow
  label: string
}) => (
  <Checkbox
    aria-label={label}
    onClick={(e) => e.stopPropagation()}
    checked={row.getIsSelected()}
    disabled={!row.getCanSelect()}
    onCheckedChange={(checked) => row.toggleSelected(!!checked)}
  />
)

export type RowAction = { label: string; icon: ReactNode; onClick: () => void }

/** A row's menu of actions, its button named after the row ("Actions for INV-000012"). */
export const RowActionsMenu = ({
  label,
  actions,
}: {
  label: string
  actions: RowAction[]
}) => (
  <DropdownMenu>
    <DropdownMenu.Trigger asChild className="ms-1">
      <IconButton
        size="small"
        variant="transparent"
        aria-label={label}
        onClick={(e) => e.stopPropagation()}
      >
        <EllipsisHorizontal />
      </IconButton>
    </DropdownMenu.Trigger>
    <DropdownMenu.Content side="bottom">
      {actions.map((action) => (
        <DropdownMenu.Item
          key={action.label}
          onClick={(e) => {
            e.stopPropagation()
            action.onClick()
          }}
          className="[&>svg]:text-ui-fg-subtle flex items-center gap-2"
        >
          {action.icon}
          {action.label}
        </DropdownMenu.Item>
      ))}
    </DropdownMenu.Content>
  </DropdownMenu>
)

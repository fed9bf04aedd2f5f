import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Creates the "msi_" tables. Versions before 0.2 created the same tables unprefixed (e.g. "invoice") with
// "create table if not exists", which adopted another plugin's table of that name; a store that ran them has this
// migration recorded and gets its tables renamed by the next one instead.

export class Migration20261123134215 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "msi_invoice" drop constraint if exists "msi_invoice_source_key_unique";`);
    this.addSql(`alter table if exists "msi_invoice" drop constraint if exists "msi_invoice_sequence_unique";`);
    this.addSql(`alter table if exists "msi_invoice" drop constraint if exists "msi_invoice_number_unique";`);
    this.addSql(`create table if not exists "msi_invoice" ("id" text not null, "sequence" integer not null, "number" text not null, "type" text check ("type" in ('invoice', 'credit_note')) not null default 'invoice', "source_key" text not null, "order_id" text not null, "order_display_id" integer not null, "customer_id" text null, "customer_email" text null, "customer_name" text null, "currency_code" text not null, "subtotal" numeric not null, "discount_total" numeric not null, "shipping_total" numeric not null, "tax_total" numeric not null, "total" numeric not null, "issued_at" timestamptz not null, "original_invoice_id" text null, "raw_subtotal" jsonb not null, "raw_discount_total" jsonb not null, "raw_shipping_total" jsonb not null, "raw_tax_total" jsonb not null, "raw_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_invoice_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_invoice_deleted_at" ON "msi_invoice" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_msi_invoice_number_unique" ON "msi_invoice" ("number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_msi_invoice_sequence_unique" ON "msi_invoice" ("sequence") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_msi_invoice_source_key_unique" ON "msi_invoice" ("source_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_invoice_order_id" ON "msi_invoice" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_invoice_created_at" ON "msi_invoice" ("created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "msi_invoice_comment" ("id" text not null, "text" text not null, "author_id" text null, "author_name" text not null, "invoice_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_invoice_comment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_invoice_comment_invoice_id" ON "msi_invoice_comment" ("invoice_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_invoice_comment_deleted_at" ON "msi_invoice_comment" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "msi_invoice_counter" ("id" text not null, "value" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_invoice_counter_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_invoice_counter_deleted_at" ON "msi_invoice_counter" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "msi_invoice_line" ("id" text not null, "line_item_id" text null, "title" text not null, "sku" text null, "quantity" numeric not null, "unit_price" numeric not null, "discount_total" numeric not null, "tax_total" numeric not null, "total" numeric not null, "rank" integer not null default 0, "invoice_id" text not null, "raw_quantity" jsonb not null, "raw_unit_price" jsonb not null, "raw_discount_total" jsonb not null, "raw_tax_total" jsonb not null, "raw_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_invoice_line_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_invoice_line_invoice_id" ON "msi_invoice_line" ("invoice_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_invoice_line_deleted_at" ON "msi_invoice_line" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "msi_invoice_comment" add constraint "msi_invoice_comment_invoice_id_foreign" foreign key ("invoice_id") references "msi_invoice" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "msi_invoice_line" add constraint "msi_invoice_line_invoice_id_foreign" foreign key ("invoice_id") references "msi_invoice" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "msi_invoice_comment" drop constraint if exists "msi_invoice_comment_invoice_id_foreign";`);

    this.addSql(`alter table if exists "msi_invoice_line" drop constraint if exists "msi_invoice_line_invoice_id_foreign";`);

    this.addSql(`drop table if exists "msi_invoice" cascade;`);

    this.addSql(`drop table if exists "msi_invoice_comment" cascade;`);

    this.addSql(`drop table if exists "msi_invoice_counter" cascade;`);

    this.addSql(`drop table if exists "msi_invoice_line" cascade;`);
  }

}

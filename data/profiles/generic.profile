# ordesk's own format: one row per line item; rows of one order follow each
# other and repeat the order's fields (or leave them empty after the first).
profile   generic
title     ordesk generic format
encoding  auto
delimiter auto
quoting   auto
dates     ymd
rows      items
require   order_ref sku qty
cancelled cancelled
shipped   shipped, delivered, completed
field channel    = channel
field order_ref  = order_ref | order id | order_id
field ordered_at = ordered_at
field customer   = customer
field tier       = tier
field phone      = phone
field address    = address
field sku        = sku
field qty        = qty | quantity
field unit_price = unit_price | price
field type       = type
field flags      = flags
field note       = note
field name       = name | item
field state      = state | status

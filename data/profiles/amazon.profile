# Amazon Seller Central order reports ("Unshipped Orders" and "All Orders"):
# TAB separated .txt, one row per item.  Product names hold bare quotes
# (12" ruler), so quoting is off.  Times carry their zone (…T14:18:23-07:00).
profile   amazon
title     Amazon order report
channel   EC
encoding  auto
delimiter tab
quoting   off
dates     ymd
rows      items
require   order_ref sku qty
# order-status Cancelled (the reports' spelling), Canceled (the API's)
cancelled cancelled, canceled
shipped   shipped
# fulfillment-channel Amazon (AFN): Amazon ships it from its own stock.
channel_fulfils amazon, afn
# ship-service-level: the fast services must leave within a day.
urgent    SameDay, NextDay, SecondDay, Expedited, Priority
field order_ref  = order-id | amazon-order-id
field ordered_at = purchase-date
# The Unshipped report's promise-date: the date Amazon promised the buyer the
# order would ship by; the order's dispatch promise, instead of the clocks'.
field promise_at = promise-date
field customer   = recipient-name | buyer-name
field phone      = buyer-phone-number
field email      = buyer-email
field address    = ship-address-1 + ship-address-2 + ship-address-3 + ship-city + ship-state + ship-postal-code + ship-country | ship-city + ship-state + ship-postal-code + ship-country
field sku        = sku
field name       = product-name
field qty        = quantity-purchased | quantity
field line_total = item-price
field currency   = currency
field service    = ship-service-level
field fulfilled_by = fulfillment-channel
# item-status is each item's own (one cancelled beside others to ship); the
# order's status when a row has none
field state      = item-status | order-status

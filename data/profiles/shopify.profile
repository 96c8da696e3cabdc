# Shopify admin "Export orders": comma, UTF-8, one row per line item.
# Continuation rows repeat Name, Email, Created at and the Lineitem columns;
# order-level columns (Id, totals, addresses, Tags) are blank on them.
profile   shopify
title     Shopify orders export
channel   EC
encoding  auto
delimiter comma
dates     ymd
rows      items
require   group order_ref qty
cancelled voided
shipped   fulfilled
# Shipping Method holds the shop's own rate names: the fast ones by their words.
urgent    express, next day, same day, overnight
field group        = Name
field order_ref    = Id | Name
# Name (#1060) is what the customer quotes: kept and searched beside the Id.
field display_ref  = Name
field ordered_at   = Created at
field customer     = Shipping Name | Billing Name
field phone        = Shipping Phone | Billing Phone | Phone
field email        = Email
field address      = Shipping Address1 + Shipping Address2 + Shipping City + Shipping Province + Shipping Zip + Shipping Country | Shipping Street + Shipping City + Shipping Province + Shipping Zip + Shipping Country | Billing Address1 + Billing Address2 + Billing City + Billing Province + Billing Zip + Billing Country
field sku          = Lineitem sku
field name         = Lineitem name
field qty          = Lineitem quantity
field unit_price   = Lineitem price
field total        = Total
field currency     = Currency
field state        = Financial Status + Fulfillment Status
field cancelled_at = Cancelled at
field note         = Notes + Note Attributes
field flags        = Tags
field service      = Shipping Method

# eBay Seller Hub "Orders" report: comma, UTF-8; a first line of bare
# commas, the header, a padding line of commas, then one row per item.  A
# multi-item order has a summary row (the buyer, the totals, no item) and
# one row per item under the same Order Number.  The report ends with
# "N,record(s) downloaded,from ..." and "Seller ID : ..." lines.  Money as
# $12.34, dates as Sep-30-26 in the seller's time; UK reports say "Post To"
# where US ones say "Ship To".
profile   ebay
title     eBay Seller Hub orders report
channel   EC
encoding  auto
delimiter comma
dates     mdy
rows      items
require   group order_ref qty
footer    record(s) downloaded, seller id
field group      = Order Number
field order_ref  = Order Number
field ordered_at = Sale Date | Paid On Date
field customer   = Ship To Name | Post To Name | Buyer Name
field phone      = Ship To Phone | Post To Phone
field email      = Buyer Email
field address    = Ship To Address 1 + Ship To Address 2 + Ship To City + Ship To State + Ship To Zip + Ship To Country | Post To Address 1 + Post To Address 2 + Post To City + Post To County + Post To Postcode + Post To Country | Buyer Address 1 + Buyer Address 2 + Buyer City + Buyer State + Buyer Zip + Buyer Country
field sku        = Custom Label | Item Number
field name       = Item Title + Variation Details
field qty        = Quantity
field unit_price = Sold For
field total      = Total Price
field note       = Buyer Note
field service    = Shipping Service | Postage Service

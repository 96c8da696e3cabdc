# TikTok Shop order export (Orders > Export, CSV): comma, UTF-8 with a BOM,
# one row per SKU under its Order ID.  Ids and times end with a TAB inside
# the field.  Some exports carry a second row that describes each column
# ("Platform unique order ID." under Order ID): it is skipped.  Times are
# MM/DD/YYYY hh:mm:ss AM in US shops and DD/MM/YYYY elsewhere, so the
# file's own dates decide.  The address columns differ by country.
profile   tiktok
title     TikTok Shop order export
channel   EC
encoding  auto
delimiter comma
dates     auto
rows      items
require   order_ref sku qty
description platform unique order id
cancelled canceled, cancelled
shipped   shipped, in transit, delivered, completed
channel_fulfils by tiktok
field group        = Order ID
field order_ref    = Order ID
field ordered_at   = Created Time | Paid Time
field customer     = Recipient
field phone        = Phone #
field email        = Email
field address      = Address Line 1 + Address Line 2 + City + State + Zipcode + Country | Detail Address + Additional address information + Villages + Commune + District + Province + Zipcode + Country | Street Name + House Name or Number + City + Province + Zipcode + Country
field sku          = Seller SKU | SKU ID
field name         = Product Name + Variation
field qty          = Quantity
field unit_price   = SKU Unit Original Price
field total        = Order Amount
field state        = Order Status + Order Substatus
field cancelled_at = Cancelled Time
field note         = Buyer Message + Seller Note
field service      = Delivery Option
field fulfilled_by = Fulfillment Type

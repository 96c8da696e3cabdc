# JD (京东) POP seller order export: comma, GBK, one row per item, a
# trailing comma after the last header.  Times are Beijing time.
profile   jd
title     JD POP order export
channel   EC
encoding  auto
delimiter comma
dates     ymd
zone      +08:00
rows      items
contacts  masked
require   order_ref qty
cancelled 已取消, 订单已取消, 取消
shipped   等待确认收货, 已完成, =完成
field order_ref  = 订单号
field ordered_at = 下单时间
field customer   = 客户姓名
field phone      = 联系电话
field address    = 客户地址
field sku        = 货号 | 商品ID
field name       = 商品名称
field qty        = 订购数量
field unit_price = 京东价
field total      = 应付金额 | 订单金额
field state      = 订单状态
field note       = 订单备注 + 商家备注

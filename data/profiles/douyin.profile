# Douyin (抖音) shop order export: comma, UTF-8 with a BOM, ids protected
# from Excel with a TAB inside the quotes, one row per sub-order (item).
profile   douyin
title     Douyin shop order export
channel   EC
encoding  auto
delimiter comma
dates     ymd
zone      +08:00
rows      items
contacts  masked
require   order_ref qty
cancelled 已取消, 已关闭, 交易关闭
shipped   已发货, 已完成
field group        = 主订单编号
field order_ref    = 主订单编号
field ordered_at   = 订单提交时间
field customer     = 收件人
field phone        = 收件人手机号
field address      = 详细地址
field sku          = 商家编码
field name         = 选购商品 + 商品规格
field qty          = 商品数量
field line_total   = 订单应付金额
field state        = 订单状态 + 售后状态
field cancelled_at = 取消原因
field note         = 商家备注

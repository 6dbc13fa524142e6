package cn.computeloan.credit.model;

import java.math.BigDecimal;

/**
 * The order an ORDER_FINANCING loan is based on.
 *
 * @param buyer buyer's name
 * @param amount contract amount in CNY
 * @param buyerLargeEnterprise whether the buyer is a large enterprise (大厂订单)
 */
public record OrderContract(String buyer, BigDecimal amount, boolean buyerLargeEnterprise) {}

package cn.computeloan.credit.model;

/** Type of guarantee offered (CREDIT = pure credit, no collateral). */
public enum GuaranteeType {
  CREDIT, THIRD_PARTY_GUARANTEE, MORTGAGE, EQUIPMENT_MORTGAGE, PLEDGE, DATA_ASSET_PLEDGE, IP_PLEDGE
}

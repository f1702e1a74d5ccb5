import { describe, expect, it } from "vitest";
import { money, orderAmount } from "../src/customers/money";

describe("amounts on a customer's page", () => {
  it("read in their currency as the console's locale writes it", () => {
    expect(money(88.5, "CNY", "zh-CN")).toBe("¥88.50");
    expect(money(88.5, "CNY", "en")).toBe("CN¥88.50");
    expect(money(12, "USD", "zh-CN")).toBe("US$12.00");
    expect(money(1234.5, "USD", "en")).toBe("$1,234.50");
  });

  it("keep a number without a currency, or with one the browser does not know, as it is", () => {
    expect(money(7, "XXX", "zh-CN")).toBe("7");
    expect(money(7, null, "en")).toBe("7");
    expect(money(7, "ABCD", "en")).toBe("7 ABCD");
  });

  it("are read from an order event's data, in the customer's own currency when the event names none", () => {
    expect(orderAmount("order.paid", { orderId: "A-1", amount: "88.5", currency: "CNY" }, null, "zh-CN")).toBe("¥88.50");
    expect(orderAmount("order.refunded", { orderId: "A-1", amount: "20" }, "USD", "en")).toBe("$20.00");
    expect(orderAmount("order.paid", { orderId: "A-1" }, "CNY", "zh-CN")).toBeNull();
    expect(orderAmount("order.paid", { amount: "lots" }, "CNY", "zh-CN")).toBeNull();
    expect(orderAmount("message.received", { amount: "5" }, "CNY", "zh-CN")).toBeNull();
  });
});

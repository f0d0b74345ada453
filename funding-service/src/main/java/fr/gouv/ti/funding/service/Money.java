package fr.gouv.ti.funding.service;

/** Cents to a decimal euro string without floating point: 123456 → "1234.56", -5 → "-0.05". */
public final class Money {

    private Money() {
    }

    public static String format(long cents) {
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        long euros = abs / 100;
        long rest = abs % 100;
        return sign + euros + "." + (rest < 10 ? "0" : "") + rest;
    }
}

package org.aicenter.partner;

public enum Tier {
    STRATEGIC, CORE, COMMUNITY
}

package org.aicenter.project.project;

/** A partner's part in a project; LEAD belongs to the lead partner alone. */
public enum ParticipantRole {
    LEAD, CO_RESEARCHER, FUNDER, PILOT_SITE, DATA_PROVIDER
}

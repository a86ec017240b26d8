package org.aicenter.partner;

public enum AgreementType {
    MOU, NDA, JOINT_RESEARCH, TRAINING, DATA_SHARING
}

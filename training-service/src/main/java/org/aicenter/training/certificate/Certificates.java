package org.aicenter.training.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.training.enrolment.Enrolment;
import org.aicenter.training.enrolment.EnrolmentStatus;
import org.aicenter.training.programme.Programme;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.ZoneId;
import java.util.List;

/** Public verification of certificates. */
@ApplicationScoped
public class Certificates {

    @Inject
    EntityManager em;
    @ConfigProperty(name = "aic.zone")
    ZoneId zone;

    @Transactional(Transactional.TxType.SUPPORTS)
    public CertificateView verify(String code) {
        String normalised = CertificateCodes.normalise(code);
        List<Enrolment> found = normalised == null ? List.of() : em.createQuery(
                        "from Enrolment e join fetch e.programme where e.certificateCode = :code and e.status = :completed",
                        Enrolment.class)
                .setParameter("code", normalised)
                .setParameter("completed", EnrolmentStatus.COMPLETED)
                .getResultList();
        if (found.isEmpty()) {
            // the same answer for a malformed code and an unknown one: nothing to learn by probing
            throw ProblemException.notFound("Certificate", abbreviate(code));
        }
        Enrolment e = found.get(0);
        Programme p = e.programme;
        return new CertificateView(e.certificateCode, e.name, p.code, p.title, p.topic, p.level, p.startDate, p.endDate,
                e.completedAt.atZone(zone).toLocalDate());
    }

    private static String abbreviate(String code) {
        return code == null ? "" : code.length() > 40 ? code.substring(0, 40) + "…" : code;
    }
}

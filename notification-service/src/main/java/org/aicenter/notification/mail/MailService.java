package org.aicenter.notification.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.paging.Sorting;
import org.aicenter.platform.persistence.Criteria;
import org.aicenter.platform.persistence.Listing;

import java.util.Map;

/** The mails sent (and waiting), newest first. */
@ApplicationScoped
public class MailService {

    public static final String SORT = "-createdAt,sentAt,recipient,status,kind";
    static final Sorting SORTING = Sorting.of(SORT, Map.of("createdAt", "createdAt", "sentAt", "sentAt",
            "recipient", "recipient", "status", "status", "kind", "kind"));

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MailView> list(PageRequest page, String sort) {
        return Listing.page(Mail.class, "m", new Criteria(), SORTING.orderBy(sort, "m"), page,
                found -> found.stream().map(MailView::of).toList());
    }
}

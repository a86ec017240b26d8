package org.aicenter.notification.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The participants' mails in Chinese and English: a subject, a plain-text body and an HTML body in which
 * every name, title and code is escaped. Subjects lose line breaks, so nothing a participant typed can
 * add a header.
 */
final class MailTemplates {

    record Rendered(String subject, String text, String html) {
    }

    private MailTemplates() {
    }

    static Rendered render(Mail mail, String language, String publicUrl) {
        boolean zh = "zh".equals(language);
        String title = mail.programmeTitle;
        String name = mail.recipientName;
        String link = mail.certificateCode == null ? null
                : publicUrl.replaceAll("/+$", "") + "/api/v1/certificates/" + URLEncoder.encode(mail.certificateCode, StandardCharsets.UTF_8);
        String subject;
        String line;
        switch (mail.kind) {
            case ENROLLED -> {
                subject = zh ? "报名成功：" + title : "You are enrolled: " + title;
                line = zh ? "您已成功报名培训项目“" + title + "”。" : "You are enrolled in the programme \"" + title + "\".";
            }
            case PROMOTED -> {
                subject = zh ? "候补转正：" + title : "A seat is yours: " + title;
                line = zh ? "有名额空出，您已从候补名单转为正式学员：“" + title + "”。"
                        : "A seat became free and you moved up from the waitlist: you are now enrolled in \"" + title + "\".";
            }
            case CANCELLED -> {
                subject = zh ? "报名已取消：" + title : "Enrolment cancelled: " + title;
                line = zh ? "您在“" + title + "”的报名已取消。" : "Your enrolment in \"" + title + "\" is cancelled.";
            }
            default -> {
                subject = zh ? "结业证书：" + title : "Your certificate: " + title;
                line = zh ? "恭喜您完成“" + title + "”。证书编号：" + mail.certificateCode + "。"
                        : "Congratulations on completing \"" + title + "\". Certificate code: " + mail.certificateCode + ".";
            }
        }
        String greeting = zh ? name + "，您好：" : "Dear " + name + ",";
        String verify = link == null ? "" : (zh ? "证书验证：" : "Verify it at: ") + link;
        String closing = zh ? "AI 创新中心" : "AI Innovation Center";
        String text = greeting + "\n\n" + line + "\n" + (verify.isEmpty() ? "" : verify + "\n") + "\n" + closing + "\n";
        String html = "<p>" + escape(greeting) + "</p><p>" + escape(line) + "</p>"
                + (link == null ? "" : "<p>" + escape(zh ? "证书验证：" : "Verify it at: ") + "<a href=\"" + escape(link) + "\">"
                + escape(link) + "</a></p>") + "<p>" + escape(closing) + "</p>";
        return new Rendered(subject.replaceAll("[\\r\\n\\t]+", " "), text, html);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

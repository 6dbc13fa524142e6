package cn.computeloan.workspace.memo;

import cn.computeloan.application.api.ApplicationDetails;
import cn.computeloan.workspace.task.TaskRefusedException;
import cn.computeloan.workspace.web.CasePanel;
import cn.computeloan.workspace.web.Formats;
import java.time.Clock;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The credit memo of an application: {@code /applications/{id}/memo} as a printable page,
 * {@code /applications/{id}/memo.pdf} (or {@code ?format=pdf}) as a PDF. Only case readers reach
 * these paths (the security chain); both read the recorded case, nothing else.
 */
@Controller
public class MemoController {

  static final String ID = "{applicationId:[A-Za-z0-9-]{1,64}}";

  private final ApplicationDetails details;
  private final ObjectMapper mapper;
  private final MessageSource messages;
  private final MemoPdf pdf;
  private final Formats fmt;
  private final Clock clock;

  public MemoController(ApplicationDetails details, ObjectMapper mapper, MessageSource messages, MemoPdf pdf,
      Formats fmt, ObjectProvider<Clock> clock) {
    this.details = details;
    this.mapper = mapper;
    this.messages = messages;
    this.pdf = pdf;
    this.fmt = fmt;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @GetMapping("/applications/" + ID + "/memo")
  public String page(@PathVariable String applicationId, Authentication user, Locale locale, Model model) {
    CreditMemo memo = memo(applicationId);
    Function<String, String> text = text(locale);
    model.addAttribute("memo", memo);
    model.addAttribute("c", memo.panel());
    model.addAttribute("trendSvgs", memo.trends().stream().map(t -> SvgCharts.trend(t, text)).toList());
    model.addAttribute("factorSvg", SvgCharts.bars(memo.factorChart(factorLabel(locale)), text));
    model.addAttribute("t", new MemoText(messages, locale));
    model.addAttribute("generatedAt", fmt.time(clock.instant()));
    model.addAttribute("me", user.getName());
    return "workspace/memo/memo";
  }

  @GetMapping(path = "/applications/" + ID + "/memo", params = "format=pdf")
  public ResponseEntity<byte[]> pdfByFormat(@PathVariable String applicationId, Authentication user, Locale locale) {
    return pdf(applicationId, user, locale);
  }

  @GetMapping("/applications/" + ID + "/memo.pdf")
  public ResponseEntity<byte[]> pdf(@PathVariable String applicationId, Authentication user, Locale locale) {
    CreditMemo memo = memo(applicationId);
    byte[] document = pdf.render(memo, locale, user.getName());
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"credit-memo-" + applicationId + ".pdf\"")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .body(document);
  }

  private CreditMemo memo(String applicationId) {
    return details.find(applicationId).map(d -> new CreditMemo(applicationId, CasePanel.of(d, mapper)))
        .orElseThrow(() -> new TaskRefusedException(TaskRefusedException.Kind.NOT_FOUND,
            "no application " + applicationId));
  }

  Function<String, String> text(Locale locale) {
    return key -> messages.getMessage(key, null, key, locale);
  }

  Function<String, String> factorLabel(Locale locale) {
    return factor -> messages.getMessage("factor." + factor, null, factor, locale);
  }
}

package cn.computeloan.workspace.processes;

import cn.computeloan.application.security.Role;
import cn.computeloan.workspace.WorkspaceRoles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.EnumSet;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The process owners' page {@code /processes}: deployed processes, decisions and forms with every
 * version, a process version's diagram, a DMN file's tables, and deploying a new file. The security
 * chain lets process owners, auditors and administrators read, and only process owners deploy.
 */
@Controller
public class ProcessesController {

  private final ProcessCatalog catalog;
  private final ProcessDeployments deployments;
  private final ObjectMapper mapper;

  public ProcessesController(ProcessCatalog catalog, ProcessDeployments deployments, ObjectMapper mapper) {
    this.catalog = catalog;
    this.deployments = deployments;
    this.mapper = mapper;
  }

  /** Every process page: who is signed in, and how the log names the start-up deployment. */
  @ModelAttribute
  void common(Authentication user, Model model) {
    model.addAttribute("me", user == null ? null : user.getName());
    model.addAttribute("startupDeployer", StartupDeployments.BY);
  }

  @GetMapping("/processes")
  public String list(Authentication user, Model model) {
    return listPage(user, model);
  }

  @PostMapping("/processes/deployments")
  public String deploy(@RequestParam(name = "file", required = false) MultipartFile file, Authentication user,
      Model model, RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) throws IOException {
    try {
      ProcessDeployments.Deployed deployed = deployments.deploy(user.getName(),
          file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes());
      redirect.addFlashAttribute("deployed", deployed);
      return "redirect:/processes";
    } catch (ProcessDeployments.Refused refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("refused", refused);
      model.addAttribute("refusedFile", file == null ? null : file.getOriginalFilename());
      return listPage(user, model);
    }
  }

  @GetMapping("/processes/definitions/{key:\\d{1,19}}")
  public String definition(@PathVariable long key, Model model) throws JsonProcessingException {
    ProcessCatalog.Diagram diagram = catalog.diagram(key);
    model.addAttribute("diagram", diagram);
    // inside a <script> element: no "</script>" may appear in the data
    model.addAttribute("xmlJson", mapper.writeValueAsString(diagram.xml()).replace("<", "\\u003c"));
    return "workspace/processes/definition";
  }

  @GetMapping("/processes/decisions/{key:\\d{1,19}}")
  public String decision(@PathVariable long key, Model model) {
    model.addAttribute("file", catalog.decisionFile(key));
    return "workspace/processes/decision";
  }

  private String listPage(Authentication user, Model model) {
    model.addAttribute("processes", catalog.processes());
    model.addAttribute("decisions", catalog.decisions());
    model.addAttribute("forms", catalog.forms());
    model.addAttribute("mayDeploy", WorkspaceRoles.holdsAny(user, EnumSet.of(Role.PROCESS_OWNER)));
    model.addAttribute("maxFileKib", ProcessDeployments.MAX_FILE / 1024);
    return "workspace/processes/list";
  }
}

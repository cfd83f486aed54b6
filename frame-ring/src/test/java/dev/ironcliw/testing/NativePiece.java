package dev.ironcliw.testing;

import java.util.List;

/**
 * A native piece that some tests need, and what installs it. Tests name the piece they miss with
 * {@link NativeRequirement}; the end-of-build summary ({@link NativeSkipSummary}) lists the pieces
 * that were missing and the packages that would bring them.
 */
public enum NativePiece {
  X11(
      "an X server (Xvfb) and the X client libraries",
      List.of("xvfb", "libx11-6", "libxext6", "libxdamage1", "libxfixes3", "libxrandr2", "libxss1"),
      List.of()), // X11 capture is Linux-only
  X11_PROGRAMS(
      "the X client programs xdotool, xset, xsetroot, xterm, xclock and xmessage",
      List.of("xdotool", "x11-xserver-utils", "xterm", "x11-apps", "x11-utils"),
      List.of()),
  OPENCL("an OpenCL device", List.of("pocl-opencl-icd", "ocl-icd-libopencl1"), List.of("pocl")),
  VULKAN(
      "a Vulkan device",
      List.of("mesa-vulkan-drivers", "libvulkan1"),
      List.of("molten-vk", "vulkan-loader")),
  VULKAN_VALIDATION(
      "the Vulkan validation layer",
      List.of("vulkan-validationlayers"),
      List.of("vulkan-validationlayers")),
  SYSTEMD_ANALYZE("systemd-analyze", List.of("systemd"), List.of()), // systemd is Linux-only
  ROOT(
      "root, to mount a small tmpfs or to run a listener as another user (run the tests as root,"
          + " as CI does)",
      List.of(),
      List.of()),
  C_COMPILER("a C compiler (gcc)", List.of("gcc", "libc6-dev"), List.of()),
  TESSERACT(
      "Tesseract and its English language data",
      List.of("tesseract-ocr", "tesseract-ocr-eng"),
      List.of("tesseract")),
  MCP_INSPECTOR(
      "the MCP Inspector's command line in target/mcp-inspector (with node and npm: npm install"
          + " --prefix target/mcp-inspector @modelcontextprotocol/inspector@0.15.0, as .ci/run"
          + " does)",
      List.of("nodejs", "npm"),
      List.of("node")),
  CHROMIUM(
      "Chromium and its WebDriver (/usr/bin/chromium and /usr/bin/chromedriver)",
      List.of("chromium", "chromium-driver"),
      List.of("chromium", "chromedriver")),
  TURBOJPEG(
      "libjpeg-turbo's TurboJPEG library, for fast JPEG",
      List.of("libturbojpeg0"),
      List.of("jpeg-turbo")),
  SECRET_SERVICE(
      "a Secret Service to keep keys in (gnome-keyring-daemon, secret-tool and dbus-daemon)",
      List.of("gnome-keyring", "libsecret-tools", "dbus-daemon"),
      List.of()); // the Secret Service is Linux's

  private final String description;
  private final List<String> debianPackages;
  private final List<String> homebrewPackages;

  NativePiece(String description, List<String> debianPackages, List<String> homebrewPackages) {
    this.description = description;
    this.debianPackages = debianPackages;
    this.homebrewPackages = homebrewPackages;
  }

  /** What is missing, in words: "an OpenCL device". */
  public String description() {
    return description;
  }

  /** The Debian packages that bring it; empty when no package does (root). */
  public List<String> debianPackages() {
    return debianPackages;
  }

  /** The Homebrew formulae that bring it on macOS; empty when it does not apply there. */
  public List<String> homebrewPackages() {
    return homebrewPackages;
  }

  /** The description with the packages, for a skip message. */
  public String describeWithPackages() {
    StringBuilder text = new StringBuilder(description);
    if (!debianPackages.isEmpty()) {
      text.append(" (Debian: ").append(String.join(" ", debianPackages));
      if (!homebrewPackages.isEmpty()) {
        text.append("; Homebrew: ").append(String.join(" ", homebrewPackages));
      }
      text.append(')');
    }
    return text.toString();
  }
}

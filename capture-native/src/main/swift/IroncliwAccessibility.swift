// Ironcliw's accessibility text on macOS: the words of the focused window as its AXUIElements give
// them, which is cheaper than recognizing them in the pixels and exact. C ABI in
// src/main/native/macos/ironcliw_capture.h.
//
// Built with IroncliwCapture.swift by the Maven build only on macOS. It has not been compiled or
// run on any machine this project's CI uses; see the README.

import AppKit
import ApplicationServices
import CoreGraphics
import Foundation

@_cdecl("ironcliw_ax_trusted")
public func ironcliw_ax_trusted() -> Int32 {
  return AXIsProcessTrusted() ? 1 : 0
}

/// An attribute's value, or nil when the element does not have it or does not answer in time.
private func attribute(_ element: AXUIElement, _ name: String) -> AnyObject? {
  var value: AnyObject?
  guard AXUIElementCopyAttributeValue(element, name as CFString, &value) == .success else {
    return nil
  }
  return value
}

/// The element's frame in global points (origin at the main display's top left), if it has one.
private func frame(_ element: AXUIElement) -> CGRect? {
  guard let position = attribute(element, kAXPositionAttribute as String),
    let size = attribute(element, kAXSizeAttribute as String),
    CFGetTypeID(position) == AXValueGetTypeID(), CFGetTypeID(size) == AXValueGetTypeID()
  else { return nil }
  var point = CGPoint.zero
  var extent = CGSize.zero
  guard AXValueGetValue(position as! AXValue, .cgPoint, &point),
    AXValueGetValue(size as! AXValue, .cgSize, &extent)
  else { return nil }
  return CGRect(origin: point, size: extent)
}

/// The lines of a text area or field in its visible character range, each with its bounds.
private func visibleLines(_ element: AXUIElement, _ value: String) -> [(CGRect, String)] {
  guard let visible = attribute(element, kAXVisibleCharacterRangeAttribute as String),
    CFGetTypeID(visible) == AXValueGetTypeID()
  else { return [] }
  var range = CFRange()
  guard AXValueGetValue(visible as! AXValue, .cfRange, &range) else { return [] }
  let text = value as NSString
  let end = min(text.length, range.location + range.length)
  var start = max(0, range.location)
  var lines: [(CGRect, String)] = []
  while start < end {
    let line = text.lineRange(for: NSRange(location: start, length: 0))
    let lineEnd = min(line.location + line.length, end)
    let content = text.substring(with: NSRange(location: start, length: lineEnd - start))
      .trimmingCharacters(in: .whitespacesAndNewlines)
    if !content.isEmpty {
      var span = CFRange(location: start, length: lineEnd - start)
      var bounds: AnyObject?
      if let spanValue = AXValueCreate(.cfRange, &span),
        AXUIElementCopyParameterizedAttributeValue(
          element, kAXBoundsForRangeParameterizedAttribute as CFString, spanValue, &bounds)
          == .success,
        let boundsValue = bounds, CFGetTypeID(boundsValue) == AXValueGetTypeID()
      {
        var rect = CGRect.zero
        if AXValueGetValue(boundsValue as! AXValue, .cgRect, &rect) {
          lines.append((rect, content))
        }
      }
    }
    start = max(lineEnd, start + 1)
  }
  return lines
}

/// What the walk gathers: (element, frame in global points, text) per line.
private struct Gathered {
  var lines: [(Int, CGRect, String)] = []
  var elements = 0
  var visited = 0
}

private func gather(
  _ element: AXUIElement, _ area: CGRect, _ depth: Int, _ maxElements: Int, _ into: inout Gathered
) {
  if depth > 64 || into.visited >= maxElements { return }
  into.visited += 1
  let box = frame(element)
  if let b = box, !b.intersects(area) { return }  // nothing of it is in the area
  let role = attribute(element, kAXRoleAttribute as String) as? String ?? ""
  if role == "AXSecureTextField" { return }  // a password: never read
  if role == kAXStaticTextRole as String {
    if let value = attribute(element, kAXValueAttribute as String) as? String, let b = box {
      let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
      if !text.isEmpty {
        into.lines.append((into.elements, b, text))
        into.elements += 1
      }
    }
    return
  }
  if role == kAXTextAreaRole as String || role == kAXTextFieldRole as String {
    if let value = attribute(element, kAXValueAttribute as String) as? String {
      let lines = visibleLines(element, value)
      for (rect, text) in lines where rect.intersects(area) {
        into.lines.append((into.elements, rect, text))
      }
      if !lines.isEmpty { into.elements += 1 }
    }
    return
  }
  guard let children = attribute(element, kAXChildrenAttribute as String) as? [AXUIElement]
  else { return }
  for child in children { gather(child, area, depth + 1, maxElements, &into) }
}

@_cdecl("ironcliw_focused_text")
public func ironcliw_focused_text(
  _ displayID: UInt32, _ x: Int32, _ y: Int32, _ width: Int32, _ height: Int32,
  _ maxElements: Int32, _ out: UnsafeMutablePointer<CChar>?, _ outCapacity: Int32
) -> Int32 {
  guard let out = out, outCapacity > 0 else { return IRONCLIW_AX_NO_ROOM }
  guard AXIsProcessTrusted() else { return IRONCLIW_AX_NOT_TRUSTED }
  guard let front = NSWorkspace.shared.frontmostApplication else { return IRONCLIW_AX_NONE }
  let app = AXUIElementCreateApplication(front.processIdentifier)
  AXUIElementSetMessagingTimeout(app, 0.25)  // a hung app costs a quarter second, not the read
  guard let focused = attribute(app, kAXFocusedWindowAttribute as String),
    CFGetTypeID(focused) == AXUIElementGetTypeID()
  else { return IRONCLIW_AX_NONE }
  let window = focused as! AXUIElement
  let bounds = CGDisplayBounds(displayID)
  guard bounds.width > 0, let mode = CGDisplayCopyDisplayMode(displayID),
    let windowFrame = frame(window)
  else { return IRONCLIW_AX_NONE }
  let scale = CGFloat(mode.pixelWidth) / bounds.width
  let area = CGRect(
    x: bounds.minX + CGFloat(x) / scale, y: bounds.minY + CGFloat(y) / scale,
    width: CGFloat(width) / scale, height: CGFloat(height) / scale)
  // Text of other windows may be in an area the focused window does not hold: the pixels then.
  guard windowFrame.contains(area) else { return IRONCLIW_AX_NONE }
  var gathered = Gathered()
  gather(window, area, 0, Int(max(1, maxElements)), &gathered)
  if gathered.lines.isEmpty { return IRONCLIW_AX_NONE }
  var written = ""
  for (element, rect, text) in gathered.lines {
    let lx = Int(((rect.minX - bounds.minX) * scale).rounded())
    let ly = Int(((rect.minY - bounds.minY) * scale).rounded())
    let lw = max(1, Int((rect.width * scale).rounded()))
    let lh = max(1, Int((rect.height * scale).rounded()))
    written += "\(element) \(lx) \(ly) \(lw) \(lh)\t\(oneField(text))\n"
  }
  return copyWhole(written, out, outCapacity)
    ? Int32(gathered.lines.count) : IRONCLIW_AX_NO_ROOM
}

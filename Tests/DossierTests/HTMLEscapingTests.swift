import Foundation
import Testing
@testable import DossierCore
@testable import DossierRendering

@Suite struct HTMLEscapingTests {
    @Test func escapesTheFiveCharactersWhateverFollowsThem() {
        #expect(HTMLEscaping.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
        // A quote followed by a combining mark is one Character but still a quote to an HTML parser.
        #expect(HTMLEscaping.escape("x\"\u{0301} onmouseover=alert(1)") == "x&quot;\u{0301} onmouseover=alert(1)")
        #expect(HTMLEscaping.escape("روسيا") == "روسيا")
    }
}

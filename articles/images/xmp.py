"""The XMP packet the CMS writes into every stored file of an image.

The camera's own metadata (EXIF, GPS, maker notes, its XMP) is removed from every file;
this packet replaces it, so that the credit travels with the picture while the
photographer's position does not. It holds:

- ``dc:creator``: the creator (``Image.credit``);
- ``photoshop:Credit``: the credit line, creator and source (``Image.credit_text``);
- ``photoshop:Source``: the source or agency (``Image.credit_source``);
- ``dc:rights``: the copyright notice, credit line and licence;
- ``xmpRights:WebStatement``: the licence's address;
- ``Iptc4xmpExt:DigitalSourceType``: how the picture was made, as an IPTC NewsCodes URI.

The packet is built with ElementTree, so every value is escaped; characters that XML 1.0
cannot carry at all (control characters) are dropped.
"""

import re
import xml.etree.ElementTree as ET

NAMESPACES = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Everything XML 1.0 forbids: C0 controls but tab, newline and carriage return; surrogates;
# U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

PACKET_BEGIN = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
PACKET_END = '<?xpacket end="r"?>'


def _qname(name):
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def _clean(value):
    return _NOT_XML.sub("", str(value or "")).strip()


def build_xmp(
    *, creator="", credit_line="", source="", rights="", licence_url="", digital_source_type_uri=""
):
    """The XMP packet (UTF-8 bytes) describing a picture's credit, licence and making."""
    root = ET.Element(_qname("x:xmpmeta"))
    rdf = ET.SubElement(root, _qname("rdf:RDF"))
    description = ET.SubElement(rdf, _qname("rdf:Description"), {_qname("rdf:about"): ""})

    if creator := _clean(creator):
        creators = ET.SubElement(description, _qname("dc:creator"))
        sequence = ET.SubElement(creators, _qname("rdf:Seq"))
        ET.SubElement(sequence, _qname("rdf:li")).text = creator
    if rights := _clean(rights):
        alternatives = ET.SubElement(
            ET.SubElement(description, _qname("dc:rights")), _qname("rdf:Alt")
        )
        ET.SubElement(alternatives, _qname("rdf:li"), {_XML_LANG: "x-default"}).text = rights
    for name, value in (
        ("photoshop:Credit", credit_line),
        ("photoshop:Source", source),
        ("xmpRights:WebStatement", licence_url),
        ("Iptc4xmpExt:DigitalSourceType", digital_source_type_uri),
    ):
        if value := _clean(value):
            ET.SubElement(description, _qname(name)).text = value

    body = ET.tostring(root, encoding="unicode")
    return f"{PACKET_BEGIN}\n{body}\n{PACKET_END}".encode()

